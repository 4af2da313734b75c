"""Set what commentary said against what the index did: pure DataFrame functions, no I/O.

``calendar`` maps publication times to trading sessions, ``returns`` turns closes into
simple, forward, calendar-window and relative returns, ``indices`` builds the stance and
sentiment indices and joins them to returns, ``stats`` gives correlations with honest
uncertainty, and ``hits`` scores whether each article's stance was right.
"""
