"""Qt-free content pipeline: content folder -> validated, immutable deck -> HTML."""
