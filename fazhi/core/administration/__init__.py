"""Administering a city (issue 12): departments, justice bureaus, divisions, number series,
users and roles (`actions`), and the pages' forms (`forms`)."""
