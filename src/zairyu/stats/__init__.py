"""Official statistics with a source for every figure, their charts, and the corrections to
figures that circulate wrongly (`zairyu stats`, the `/stats` pages)."""
