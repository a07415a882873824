"""What the extractor learns from annotated corpora: induced cues and the claim-type combiner.

`claimwatch train` fits both and writes `data/model.json`; `claimwatch eval` measures them by
leave-one-folder-out cross-validation beside the rules alone. At run time the model is package
data read once; nothing is fitted or downloaded.
"""
