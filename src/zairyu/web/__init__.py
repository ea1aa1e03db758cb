"""The web interview: one question per page, results per pathway, in Japanese and English."""
