from leerkring.tracks.tests.conftest import Circle, circle

__all__ = ["Circle", "circle"]
