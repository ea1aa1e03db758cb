"""The law: one module per pathway, the facts they read, and the sources they cite."""
