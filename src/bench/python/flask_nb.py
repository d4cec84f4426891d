"""The usual way to serve a self-training classifier, which ledgerlearn's benchmarks compare against:
Flask, the samples kept in a pandas DataFrame, and a scikit-learn pipeline (one-hot company and
amount, the text's tokens counted, multinomial naive Bayes) refitted on every stored row at each
POST /sample. Each sample is first predicted by the model fitted before its batch arrived.

    python3 flask_nb.py --port 0     # prints "listening on http://127.0.0.1:PORT"
"""
import argparse

import pandas as pd
from flask import Flask, jsonify, request
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import accuracy_score, precision_score, recall_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
from werkzeug.serving import make_server

FEATURES = ["CompanyId", "BankEntryDate", "BankEntryText", "BankEntryAmount"]
app = Flask(__name__)
samples = pd.DataFrame(columns=FEATURES + ["AccountNumber", "Predicted"])
model = None


def features(frame):
    frame = frame.reindex(columns=FEATURES).fillna("").astype(str)
    frame["Month"] = frame["BankEntryDate"].str[5:7]
    return frame


def new_model():
    columns = ColumnTransformer([
        ("onehot", OneHotEncoder(handle_unknown="ignore"), ["CompanyId", "BankEntryAmount", "Month"]),
        ("text", CountVectorizer(token_pattern=r"\S+", lowercase=False), "BankEntryText")])
    return make_pipeline(columns, MultinomialNB())


@app.post("/sample")
def sample():
    global samples, model
    batch = pd.DataFrame(request.get_json())
    batch["AccountNumber"] = batch["AccountNumber"].astype(str)
    batch["Predicted"] = model.predict(features(batch)) if model is not None else None
    samples = pd.concat([samples, batch[samples.columns]], ignore_index=True)
    model = new_model().fit(features(samples), samples["AccountNumber"])
    return jsonify({"accepted": len(batch), "total": len(samples)})


@app.post("/predict")
def predict():
    if model is None:
        return jsonify({"error": "no samples learnt yet"}), 503
    return jsonify([str(model.predict(features(pd.DataFrame([request.get_json()])))[0])])


@app.get("/metrics/<int:n>")
def metrics(n):
    scored = samples.dropna(subset=["Predicted"]).tail(n)
    true, predicted = scored["AccountNumber"], scored["Predicted"]
    if len(scored) == 0:
        return jsonify({"n": 0})
    return jsonify({"precision": precision_score(true, predicted, average="macro", zero_division=0),
                    "recall": recall_score(true, predicted, average="macro", zero_division=0),
                    "accuracy": accuracy_score(true, predicted), "n": len(scored)})


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args()
    server = make_server(args.host, args.port, app)
    print("listening on http://%s:%d" % (args.host, server.port), flush=True)
    server.serve_forever()
