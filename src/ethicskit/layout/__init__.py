"""Format-neutral layouts: what a case (and, in time, each content type) shows and in what order,
built once from the validated models as a docutils doctree.

The book's pages take these trees as they are, so Sphinx resolves their references, indexes them for
search and lists their sections in the page contents. The printed and single-file documents write the
same trees as HTML with `paper.html_of`, which resolves the references to the words a reader sees
on paper. A layout may differ between the two only where an output cannot do what the other does (a
link to another page, an answer folded until the reader opens it); it says so with `on_paper`.
"""
