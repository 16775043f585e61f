"""Pure rules of the gig-work market. Imports nothing from the project."""
