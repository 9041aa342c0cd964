"""Home: what the app teaches, and every question of every topic linking to its page."""

from ui.home import draw

draw()
