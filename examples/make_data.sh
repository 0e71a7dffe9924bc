#!/usr/bin/env bash
# Regenerates the bundled CSV data sets from the real data shipped in Debian's python3-sklearn
# package (nothing else is downloaded). Usage: examples/make_data.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python3-sklearn >/dev/null && dpkg -x python3-sklearn_*.deb x)
src="$work/x/usr/lib/python3/dist-packages/sklearn/datasets/data"

# Diabetes (Efron et al. 2004): 442 patients, 10 baseline variables, disease progression after
# one year. Regression.
mkdir -p "$here/diabetes"
{
  echo "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression"
  paste -d' ' <(zcat "$src/diabetes_data_raw.csv.gz") <(zcat "$src/diabetes_target.csv.gz") |
    awk '{ out=$1; for (i=2;i<=NF;i++) out=out "," ($i+0); print out }'
} > "$here/diabetes/diabetes.csv"

# Wine recognition: 178 wines, 13 chemical measurements, 3 cultivars. Classification.
mkdir -p "$here/wine"
{
  echo "alcohol,malic_acid,ash,alcalinity_of_ash,magnesium,total_phenols,flavanoids,nonflavanoid_phenols,proanthocyanins,color_intensity,hue,od280_od315,proline,cultivar"
  tail -n +2 "$src/wine_data.csv"
} > "$here/wine/wine.csv"

# Breast cancer Wisconsin (diagnostic): 569 samples, 30 features, malignant (0) / benign (1).
mkdir -p "$here/breast_cancer"
{
  printf 'f%s,' $(seq 1 30); echo "benign"
  tail -n +2 "$src/breast_cancer.csv"
} > "$here/breast_cancer/breast_cancer.csv"
echo "wrote diabetes, wine and breast_cancer CSVs under $here" >&2
