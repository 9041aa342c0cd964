"""Interview drill: every question as a card, spaced repetition by FSRS, progress in the browser."""

from ui.drill.page import draw
from ui.page_guard import run_through_app

run_through_app()
draw()
