"""The interview drill (/drill): every question and check-yourself quiz of every topic as a card,
scheduled by FSRS, the learner's progress kept in their own browser.

deck (the cards, from the Q&A text) · store (the progress as JSON: encoding, validation, export
and import) · schedule (the ``fsrs`` package's scheduler) · queue (which card comes next) ·
progress (the session's copy, loaded from and saved to localStorage through
ui/components/progress_store) · page, answer, transfer (what the page draws) · overview (home's
per-topic summary)."""
