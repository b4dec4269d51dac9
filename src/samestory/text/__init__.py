"""Text utilities every later stage shares: scripts, tokens, units, sentences, chunks, months.

scripts     Unicode ranges (kana, Han, Hangul), stated once
tokens      words, sentence endings, comparable content words
units       a text as units (non-empty lines; hard-wrapped paragraphs joined)
sentences   sentence splitting (sentencex, plus a repair for ordinal dates)
chunks      paragraphs grouped into bounded chunks (the one chunker)
calendar    month names in many languages (the one month table)
"""
