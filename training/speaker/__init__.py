"""Training for the speaker ranker (models.quotes.speaker_ranker), apart from inference.

    data.py      PolNeAR articles -> option feature rows labelled by the gold Source spans
    __main__.py  fit a logistic model, tune C and the override margin on dev, write the JSON

Run: `python -m training.speaker [--out models/speaker_model/ranker.json]`. Reads
../shared/data/polnear in place; trains on train[300:], tunes on dev, and leaves train[:300]
for the benchmark (benchmarks/quotes_polnear.py --split train --limit 300), the one estimate
that neither the rules nor the ranker were fitted on.
"""
