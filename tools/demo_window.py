"""A window of new rows for `make demo`'s monitoring step: 200 rows of scikit-learn's breast cancer data with their
labels (column `target`), four columns scaled by 1.3 on purpose, written as CSV to the path given."""
import sys
from sklearn.datasets import load_breast_cancer

X, y = load_breast_cancer(return_X_y=True, as_frame=True)
window = X.sample(200, random_state=1).assign(target=y)
for column in ('mean radius', 'mean texture', 'worst area', 'worst perimeter'): window[column] = window[column] * 1.3
window.to_csv(sys.argv[1], index=False)
