"""Search on the home page: every question and answer of the reader's language (index: the
terms and the ranking; snippet: what a hit shows; box: the search box and its hits)."""
