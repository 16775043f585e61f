"""Window 1: employment and entrepreneurship registration (就业创业登记)."""

from lingong_desk.ui.registration.window import RegistrationWindow

__all__ = ["RegistrationWindow"]
