"""Impact finance rules as plain Python: which funders fit a project
(matching) and the schedule of a projects-meet-funders session (meetings)."""
