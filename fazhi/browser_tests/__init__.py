"""Browser tests: Playwright driving Debian's headless Chromium against Django's live server.

Run with `pytest -m browser` (the default run deselects them; `.ci/run` runs them).
"""
