"""LingGong Desk (零工服务台): the service-window program of a county gig-work market."""

__version__ = "0.1.0"
