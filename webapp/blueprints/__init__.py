"""One blueprint per role (school, inspector, admin), plus login, files and the landing page."""
