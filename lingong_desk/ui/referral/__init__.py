"""Window 3: job referral (职业介绍)."""

from lingong_desk.ui.referral.window import ReferralWindow

__all__ = ["ReferralWindow"]
