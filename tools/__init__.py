"""Tools for people working on the site; not part of its build (scripts/)."""
