"""The batch engine: a crawl too large for one ``add`` run, on a local executor or on Ray.

shards      cut inputs (JSONL by lines, WARC by file, Parquet by row group, files in groups)
prepare     the map stage: a shard through the pipeline's own steps → a Parquet file
dedup       repeats, id conflicts, copies and near-copies by partitioned keys
stories     blocks of the stream clustered in parallel, merged across their borders
records     the Parquet rows: prepared articles and back
run         run_batch: the stages in order, resumable; batch.json
ray_engine  RayExecutor (imports ray; the only module that does)

``samestory add --from-batch DIR`` loads the prepared articles into a store without a model call.
"""

from __future__ import annotations

from .records import article_files, row_article
from .run import BatchOptions, BatchReport, completed_batch, run_batch

__all__ = ["BatchOptions", "BatchReport", "run_batch", "completed_batch", "article_files", "row_article"]
