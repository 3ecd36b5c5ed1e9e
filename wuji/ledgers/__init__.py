"""Ledgers (台账) in and out.

Excel templates, all-or-nothing imports with a row/column/reason report, exports of what a list shows.
"""
