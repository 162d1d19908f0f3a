"""The web explorer's server side: the pages' session and what the pages show."""
