"""Playground: TensorFlow Playground's lab plus dropout, batch norm, optimisers and diagnostics
(the page: ui/topics/playground/, its computations: qa_core/labs/playground/)."""

from ui.page_guard import run_through_app
from ui.topics.playground.page import draw

run_through_app()
draw()
