"""The two-department isolation matrix (issue 12): every app's records, asked for by another
department's people through every page and API route. It names every app, so it lives outside
core (core names no app: core/tests/test_architecture.py)."""
