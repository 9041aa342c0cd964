"""Glossary: one term per concept in each language, and the questions that use it."""

from ui.glossary_page import draw
from ui.page_guard import run_through_app

run_through_app()
draw()
