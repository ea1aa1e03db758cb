"""`zairyu batch`: screen a CSV or Parquet table of cases, in chunks, here or on Dask.

`reader` reads the input in chunks, `validate` reads each cell as its fact (refusing bad values
with a reason), `evaluate` screens a chunk with the pathways compiled once, `output` writes the
results and the rejects, `run` drives a local run and `distributed` the same run on Dask.
"""
