"""Format-neutral layouts: what a case, a dilemma, a seminar plan, a self-check and the worksheet show
and in what order, each built once from the validated models as a docutils doctree.

The book's pages take these trees as they are, so Sphinx resolves their references, indexes them for
search and lists their sections in the page contents. The printed handouts and seminar packs and the
single-file dilemma write the same trees as HTML with `paper.html_of`, which resolves the references
to the words a reader sees there. A layout differs between outputs only where an output cannot do what
another does, and says so in its arguments: `support_page` None outside the book (no links to other
pages, so a clause's words are printed where the book shows them on hover), `on_paper` where nothing
can be folded or hidden.
"""
