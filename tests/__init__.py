"""The wto_msme test suite."""
