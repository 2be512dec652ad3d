"""card.plot: radar, distribution, ranking (matplotlib, Agg), with Chinese text in a CJK font."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.patches import Polygon, Rectangle  # noqa: E402

import libbranch as lb  # noqa: E402
from libbranch import plotting  # noqa: E402

HAVE_CJK = any("CJK" in f.name for f in font_manager.fontManager.ttflist)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def card(engine, sample):
    return engine.score(sample, year=2025)


def drawn_without_missing_glyphs(fig):
    """Draws the figure; returns the 'Glyph … missing' warnings raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "Glyph" in str(w.message)]


@pytest.mark.skipif(not HAVE_CJK, reason="no CJK font (fonts-noto-cjk)")
def test_cjk_font_is_found_and_needed():
    families = plotting.font_families()
    assert "CJK" in families[0] and families[-1] == "DejaVu Sans"
    # The control: matplotlib's default font has no 依法治理好, so the check below means something.
    fig, ax = plt.subplots()
    ax.set_title("依法治理好")
    assert drawn_without_missing_glyphs(fig)


def test_radar(card):
    ax = card.plot.radar(["court", "finance_bureau"])
    assert ax.name == "polar"
    polygons = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(polygons) == 2 and len(ax.lines) == 2
    names = list(card.standards["name"])
    assert [t.get_text() for t in ax.get_xticklabels()] == names == ["依法治理好", "凝聚人心好", "文明创建好",
                                                                     "推动发展好", "堡垒作用好"]
    # Each polygon's radii are the standards' scores over their maxima (20 points each).
    for polygon, branch in zip(polygons, ["court", "finance_bureau"]):
        radii = polygon.get_xy()[:5, 1]
        expected = card.summary.loc[branch, list(card.standards.index)].to_numpy(dtype=float) / 20.0
        assert np.allclose(radii, expected)
    court = polygons[0].get_xy()[:5, 1]
    assert court[0] == pytest.approx(1.0)  # the court has all 20 points of 依法治理好
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["县人民法院党支部 (court)", "县财政局机关党支部 (finance_bureau)"]
    assert ax.get_ylim() == (0, 1)
    if HAVE_CJK:
        assert drawn_without_missing_glyphs(ax.figure) == []
        path = font_manager.findfont(ax.get_xticklabels()[0].get_fontproperties())
        assert "CJK" in path


def test_radar_one_branch_and_given_axes(card):
    fig = plt.figure()
    given = fig.add_subplot(projection="polar")
    assert card.plot.radar("court", ax=given) is given
    assert len([p for p in given.patches if isinstance(p, Polygon)]) == 1
    with pytest.raises(KeyError, match="nowhere"):
        card.plot.radar(["court", "nowhere"])
    with pytest.raises(ValueError, match="polar"):
        card.plot.radar("court", ax=plt.figure().add_subplot())


def test_distribution(card):
    ax = card.plot.distribution(bins=10)
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    labels = card.rating_labels
    assert len(containers) == len(labels) == 4
    assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == 4 * 10  # 10 bins per rating
    # Stacked by rating: each layer's bars add up to that rating's count (2 of each in the sample).
    counts = card.summary["rating"].value_counts()
    for container, label in zip(containers, labels):
        heights = np.array([r.get_height() for r in container.patches])
        assert heights.sum() == counts[label] == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["优秀 2", "良好 2", "合格 2", "不合格 2"]
    # Bins span 0 … 100 (the rubric's maximum); the rating thresholds 90, 80, 60 are drawn.
    assert containers[0].patches[0].get_x() == pytest.approx(0.0)
    assert sorted(line.get_xdata()[0] for line in ax.lines) == [60, 80, 90]
    if HAVE_CJK:
        assert drawn_without_missing_glyphs(ax.figure) == []


def test_ranking_small(card):
    ax = card.plot.ranking(group_by="org_type")
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 8
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # Groups by mean total, best first: community (87.4), village (76.9), organ (76.1), institution (73.9);
    # the five organs by total within their group.
    order = ["xingfulu_community", "yingbage_village", "court", "procuratorate", "justice_bureau",
             "education_bureau", "finance_bureau", "media_center"]
    assert labels == [f"{card.summary.at[b, 'name']} ({b})" for b in order]
    ranks = [t.get_text() for t in ax.texts]
    assert ranks == ["1/1", "1/1", "1/5", "2/5", "3/5", "4/5", "5/5", "1/1"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["community (1)", "village (1)", "organ (5)",
                                                                    "institution (1)"]
    ax = card.plot.ranking()  # parent_id: one group in the sample
    assert [t.get_text() for t in ax.texts][0] == "1/8"
    if HAVE_CJK:
        assert drawn_without_missing_glyphs(ax.figure) == []
    with pytest.raises(ValueError, match="group_by"):
        card.plot.ranking(group_by="colour")


def test_ranking_large(engine, synthetic):
    card = engine.score(synthetic)
    ax = card.plot.ranking(group_by="parent_id", n=5)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 10
    info = card.branch_info.join(card.summary["total"])
    medians = info.groupby("parent_id", observed=True)["total"].median().sort_values(ascending=False, kind="stable")
    shown = [label.split(" ")[0] for label in labels]
    assert shown == list(medians.index[:5]) + list(medians.index[-5:])
    assert f"of {len(medians):,} groups" in ax.get_title()
    ax = card.plot.ranking(group_by=None, n=3)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 6
    totals = card.summary["total"].sort_values(ascending=False, kind="stable")
    assert np.allclose([b.get_width() for b in bars], np.r_[totals.iloc[:3], totals.iloc[-3:]])


def test_plots_after_unpickling(card):
    import pickle

    again = pickle.loads(pickle.dumps(card))
    assert again.dataset is None
    assert len([p for p in again.plot.ranking(group_by="org_type").patches if isinstance(p, Rectangle)]) == 8
    assert len([p for p in again.plot.radar("court").patches if isinstance(p, Polygon)]) == 1
