"""Use cases of the five service windows. Each owns its transaction. No Qt."""
