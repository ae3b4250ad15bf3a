"""The email edition of a report, and its sending exactly once.

``distribution`` is who receives what (data in the series definition);
``plain_text`` and ``edition`` make a report's message from the same model and
prose as its page; ``ledger`` remembers in git what was claimed and sent;
``sending`` talks SMTP; ``command`` is ``rapportarkiv mail``; ``review`` is the
email's section of a pull request's summary.
"""
