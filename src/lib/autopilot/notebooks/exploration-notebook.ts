// SageMaker Autopilot's data exploration notebook, from mlpad's report: each finding as the report states
// it, then pandas code that recomputes the figure behind it from the same data file (missing values,
// cardinality, constant and duplicate columns, duplicate rows, class shares, IQR outliers, one-feature
// leakage scores) and prints it beside the report's, so a reader can check every number outside the browser.
import type { DataExplorationReport } from '../exploration.ts';
import { md, notebookOf, py, type CellSource, type NotebookJson } from './notebook-json.ts';
import { readDataCode } from './python-data.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function checkArgs(report: DataExplorationReport, dataFile: string): void {
  if (report === null || typeof report !== 'object' || !Array.isArray(report.findings) || !Array.isArray(report.columns)) {
    throw new TypeError('explorationNotebook: report must be a data exploration report (exploreData\'s result)');
  }
  if (typeof dataFile !== 'string' || dataFile.trim() === '') throw new TypeError('explorationNotebook: dataFile must name the data file the notebook reads (a path)');
}

/** The data exploration notebook for `report`, reading the data from `dataFile` (a path as the notebook sees it). */
export function explorationNotebook(report: DataExplorationReport, dataFile: string): NotebookJson {
  checkArgs(report, dataFile);
  const cells: CellSource[] = [];
  const high = report.findings.filter((f) => f.severity === 'high').length;
  const warn = report.findings.filter((f) => f.severity === 'warning').length;
  cells.push({ markdown: `# Data exploration: ${md(report.target)}\n\nmlpad Autopilot's data exploration report as a notebook (after SageMaker Autopilot's `
    + `*SageMakerAutopilotDataExplorationNotebook*). Problem: **${report.problemType}**, objective **${report.objective}**; `
    + `${report.rows} rows × ${report.columnCount} columns; ${high} high-severity and ${warn} warning findings.\n\n`
    + 'Each section states the finding and what Autopilot does about it, then recomputes the figure with pandas.' });
  cells.push({ code: `import numpy as np\nimport pandas as pd\n\nDATA_FILE = ${py(dataFile)}\nTARGET = ${py(report.target)}\n${readDataCode()}\ndf = read_data(DATA_FILE)\nprint(df.shape)` });

  cells.push({ markdown: '## Findings\n\n| severity | kind | column | finding | what Autopilot does |\n|---|---|---|---|---|\n'
    + report.findings.map((f) => `| ${f.severity} | ${f.kind} | ${md(f.column ?? '')} | ${md(f.message)} | ${md(f.action)} |`).join('\n') });
  if (report.dropped.length > 0) {
    cells.push({ markdown: `Dropped before training: ${report.dropped.map((d) => `\`${md(d.column)}\` (${d.reason})`).join(', ')}.` });
  }

  const summary = report.columns.map((c) => ({ name: c.name, type: c.type, missing: c.missing, distinct: c.distinct, treatment: c.treatment }));
  cells.push({ markdown: '## Missing values and cardinality\n\nMissing cells are those pandas reads as missing (its default NA words, as mlpad\'s loader); '
    + `distinct counts are over the present cells. Autopilot drops a column missing in more than half its rows and imputes the rest.` });
  cells.push({ code: `report = pd.DataFrame(${py(summary)}).set_index('name')\n`
    + 'pandas_view = pd.DataFrame({"missing (pandas)": df.isna().sum(), "distinct (pandas)": df.nunique(dropna=True)})\n'
    + 'check = report.join(pandas_view)\nprint(check.to_string())\n'
    + 'print("missing counts agree:", bool((check["missing"] == check["missing (pandas)"]).all()))' });

  cells.push({ markdown: '## Constant and duplicate columns, duplicate rows' });
  cells.push({ code: 'constant = [c for c in df.columns if df[c].nunique(dropna=False) <= 1]\n'
    + 'print("constant columns:", constant)\n'
    + 'seen = {}\nduplicates = []\nfor c in df.columns:\n    key = tuple(df[c].fillna("\\0missing"))\n    if key in seen:\n        duplicates.append((c, seen[key]))\n    else:\n        seen[key] = c\n'
    + 'print("duplicate columns (column, same as):", duplicates)\n'
    + 'dup_rows = int(df.duplicated().sum())\nprint(f"duplicate rows: {dup_rows} ({dup_rows / len(df):.1%})")' });

  if (report.problemType !== 'Regression') {
    cells.push({ markdown: '## Class shares\n\nAutopilot stratifies its splits and folds by class; a class under 10% of the rows is a class-imbalance finding.' });
    cells.push({ code: 'shares = df[TARGET].dropna().value_counts(normalize=True)\nprint(shares.to_string())' });
  } else {
    cells.push({ markdown: '## Target distribution' });
    cells.push({ code: 'print(pd.to_numeric(df[TARGET], errors="coerce").describe().to_string())' });
  }

  const numeric = report.columns.filter((c) => c.outliers !== undefined);
  if (numeric.length > 0) {
    cells.push({ markdown: '## Outliers (Tukey\'s IQR rule)\n\nValues beyond 1.5 and 3 IQR of the quartiles (numpy\'s linear interpolation, as the report). '
      + 'Autopilot keeps them; trees are unaffected by how extreme a value is, and the linear and MLP candidates see standardized columns.\n\n'
      + '| column | Q1 | Q3 | beyond 1.5 IQR | beyond 3 IQR |\n|---|---|---|---|---|\n'
      + numeric.map((c) => `| ${md(c.name)} | ${c.outliers!.q1} | ${c.outliers!.q3} | ${c.outliers!.beyond1_5} (${pct(c.outliers!.beyond1_5 / c.outliers!.present)}) | ${c.outliers!.beyond3} |`).join('\n') });
    cells.push({ code: `for name in ${py(numeric.map((c) => c.name))}:\n    s = pd.to_numeric(df[name], errors="coerce").dropna()\n`
      + '    q1, q3 = s.quantile(0.25), s.quantile(0.75)\n    iqr = q3 - q1\n'
      + '    out15 = int(((s < q1 - 1.5 * iqr) | (s > q3 + 1.5 * iqr)).sum())\n    out3 = int(((s < q1 - 3 * iqr) | (s > q3 + 3 * iqr)).sum())\n'
      + '    print(f"{name}: Q1 {q1:g}, Q3 {q3:g}, beyond 1.5 IQR {out15}, beyond 3 IQR {out3}")' });
  }

  const scored = report.columns.filter((c) => c.predictivePower !== undefined);
  if (scored.length > 0) {
    const what = report.problemType === 'Regression' ? 'R²' : 'AUC';
    cells.push({ markdown: `## Target leakage\n\nHow well each column alone predicts the target (${report.sampling.folds}-fold cross-validated ${what} of a one-feature model; `
      + 'mlpad scores a lookup table over 64 quantile bins, this cell a depth-6 decision tree, so the figures are close, not equal). '
      + 'A score above 0.99 flags the column as leaking the outcome.\n\n| column | report |\n|---|---|\n'
      + scored.map((c) => `| ${md(c.name)} | ${c.predictivePower!.toFixed(3)} |`).join('\n') });
    const classify = report.problemType !== 'Regression';
    cells.push({ code: 'from sklearn.model_selection import cross_val_score\nfrom sklearn.tree import DecisionTree' + (classify ? 'Classifier' : 'Regressor') + '\n'
      + 'rows = df[df[TARGET].notna()]\ny = rows[TARGET]\n'
      + `for name in ${py(scored.map((c) => c.name))}:\n`
      + '    x = pd.to_numeric(rows[name], errors="coerce")\n'
      + '    if x.notna().mean() < 0.9:\n        x = rows[name].astype("category").cat.codes.astype(float)\n'
      + '    x = x.fillna(x.min() - 1 if x.notna().any() else 0).to_frame()\n'
      + (classify
        ? `    scoring = "roc_auc" if y.nunique() == 2 else "roc_auc_ovr_weighted"\n    score = cross_val_score(DecisionTreeClassifier(max_depth=6, random_state=0), x, y, cv=${report.sampling.folds}, scoring=scoring).mean()\n`
        : `    score = cross_val_score(DecisionTreeRegressor(max_depth=6, random_state=0), x, pd.to_numeric(y), cv=${report.sampling.folds}, scoring="r2").mean()\n`)
      + '    print(f"{name}: {score:.3f}")' });
  }
  return notebookOf(cells, 'exploration', `Data exploration: ${report.target}`);
}
