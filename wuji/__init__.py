"""Wuji (五基): grassroots Party-organization "Five Basics" construction."""
