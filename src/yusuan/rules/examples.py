"""Reference documents for rule examples, built from the real corpus at run time.

``qiaokou`` is the Qiaokou disclosure with every error the checker finds in it corrected (the list
below is also the record of those errors): checked, it gives no error and no warning.
``hanyang`` is the Hanyang disclosure with the narrative, glossary and naming errors corrected
(its missing table 1 and missing project sheet are not reconstructed), used by examples about
features only that document has. ``shangwu`` is the Shanghai Putuo 商务委 2025 unit budget (PDF),
turned into editable Markdown by the PDF reader and :func:`yusuan.readers.text.write_markdown`; it is
used by rules about the Shanghai template's own tables. ``*-original`` are the documents as published.

Each rule's failing example is an edit of one of these; its passing example is the document itself
or a variant that shows a legitimate case (a rounding tail, an explained gap).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from yusuan.rules.registry import Example

SOURCES = {
    "qiaokou": "wuhan-qiaokou-jxj-2026-budget.md",
    "hanyang": "wuhan-hanyang-jxj-2026-budget.txt",
    "shangwu": "shanghai-putuo-shangwu-2025-unit-budget.pdf",
    "shangwu-dept": "shanghai-putuo-shangwu-2025-dept-budget.pdf",
    "bangongshi": "shanghai-putuo-bangongshi-2025-unit-budget.pdf",
}

# (old, new): every occurrence of ``old`` is replaced; each must occur.
QIAOKOU_CORRECTIONS: tuple[tuple[str, str], ...] = (
    # S022: the cover (and the contents) print 硃口区 for 硚口区.
    ("硃口区经济信息化和科技创新局（汇总） 2026 年部门预算", "硚口区经济信息化和科技创新局（汇总） 2026 年部门预算"),
    # N001: 基本支出 is 1,680.88 (表6 合计), not 2,840.98.
    ("2026年一般公共预算基本支出2,840.98万元。", "2026年一般公共预算基本支出1,680.88万元。"),
    # N006: 2080899 is 其他优抚支出.
    ("其他抚恤支出3.25万元", "其他优抚支出3.25万元"),
    # N012: 机关运行经费 = 公用经费 of the administrative unit (本级 90.52); the rate follows.
    ("机关运行经费 111.62 万元", "机关运行经费 90.52 万元"),
    ("此项支出比上年减少 3.34 万元，降低 2.9%", "此项支出比上年减少 3.34 万元，降低 3.6%"),
    # N015: goods procurement covers the 防火墙 (80,000 元) of 表12-5.
    ("货物类 1.2 万元", "货物类 9.2 万元"),
    ("政府采购预算支出合计 756.3 万元", "政府采购预算支出合计 764.3 万元"),
    # P004: 表12-4 项目总预算.
    ("| 项目总预算 | 项目当年预算 | | | 50,000 | |", "| 项目总预算 | 50,000 | 项目当年预算 | | 50,000 | |"),
    # P013: 表12-5 and 表12-13 have no 效益指标, 表12-7 no 满意度指标.
    ("| | | | 设备故障率 | ≤2% | 计划标准 | | |",
     "| | | | 设备故障率 | ≤2% | 计划标准 | | |\n| | 效益指标 | 社会效益指标 | 保障政务网络安全稳定运行 | 有效保障 | 计划标准 | | |"),
    ("| | | | 设备故障率 | | | ≤2% | 计划标准 |",
     "| | | | 设备故障率 | | | ≤2% | 计划标准 |\n| | 效益指标 | 社会效益指标 | 保障政务网络安全稳定运行 | | | 有效保障 | 计划标准 |"),
    ("| | 效益指标 | 生态效益指标 | 对于列入节能产品政府采购品目清单的产品，应确保实施 100%的采购监督。 | =100% | 历史标准 |",
     "| | 效益指标 | 生态效益指标 | 对于列入节能产品政府采购品目清单的产品，应确保实施 100%的采购监督。 | =100% | 历史标准 |\n"
     "| | 满意度指标 | 服务对象满意度指标 | 使用部门满意度 | ≥90% | 计划标准 |"),
    ("| | 效益指标 | 生态效益指标 | 对于列入节能产品政府采购品目清单的产品，应确保实施 100%的采购监督。 | | | =100% | 历史标准 |",
     "| | 效益指标 | 生态效益指标 | 对于列入节能产品政府采购品目清单的产品，应确保实施 100%的采购监督。 | | | =100% | 历史标准 |\n"
     "| | 满意度指标 | 服务对象满意度指标 | 使用部门满意度 | | | ≥90% | 计划标准 |"),
    ("| | | 时效指标 | 故障设备维修及时率 | =100% | 计划标准 | | |",
     "| | | 时效指标 | 故障设备维修及时率 | =100% | 计划标准 | | |\n| | 效益指标 | 社会效益指标 | 保障政务网络稳定运行 | 有效保障 | 计划标准 | | |"),
    ("| | | 时效指标 | 故障设备维修及时率 | | | =100% | 计划标准 |",
     "| | | 时效指标 | 故障设备维修及时率 | | | =100% | 计划标准 |\n| | 效益指标 | 社会效益指标 | 保障政务网络稳定运行 | | | 有效保障 | 计划标准 |"),
    # P015: 表12-8 工作完成率 is a 质量指标 in both tables.
    ("| | | 时效指标 | 工作完成率 | | | =100% | 计划标准 |", "| | | 质量指标 | 工作完成率 | | | =100% | 计划标准 |"),
    # P015: 表12-14's annual values are shifted by one row.
    ("| | | | | 前年 | 上年 | 1人 | |", "| | | | | 前年 | 上年 | 预计当年实现 | |"),
    ("| 年度绩效目标 1 | 产出指标 | 数量指标 | “两个中心”人数 | | | ≥90% | 计划标准 |",
     "| 年度绩效目标 1 | 产出指标 | 数量指标 | “两个中心”人数 | | | 1人 | 计划标准 |"),
    ("| | | 质量指标 | 工作任务完成率 | | | 有效保障 | 计划标准 |", "| | | 质量指标 | 工作任务完成率 | | | ≥90% | 计划标准 |"),
    ("| | 效益指标 | 社会效益指标 | 有效保障各项工作完成 | | | ≥90% | 计划标准 |",
     "| | 效益指标 | 社会效益指标 | 有效保障各项工作完成 | | | 有效保障 | 计划标准 |"),
    ("| | 满意度指标 | 服务对象满意度指标 | 群众满意度 | | | 1人 | 计划标准 |",
     "| | 满意度指标 | 服务对象满意度指标 | 群众满意度 | | | ≥90% | 计划标准 |"),
    # P018: 表12-6 labels both goals 年度绩效目标.
    ("| 年度绩效目标 | 保障信息化项目稳定运维，提升系统运行效率与安全可靠性 | | | | |\n| 年度绩效目标 |",
     "| 长期绩效目标 | 保障信息化项目稳定运维，提升系统运行效率与安全可靠性 | | | | |\n| 年度绩效目标 |"),
    # P023: the project is 综合经济事务管理.
    ("综合经济事物管理", "综合经济事务管理"),
    # P025: 表12-12's project is 城市视频经费（清欠）.
    ("| 项目名称 | 城市视频经费 | | |", "| 项目名称 | 城市视频经费（清欠） | | |"),
    # P029: 表11 goals 5 and 13 have no 效益指标, goal 7 no 满意度指标.
    ("| | | 质量指标 | 设备故障率 | ≤2% | 计划标准 |",
     "| | | 质量指标 | 设备故障率 | ≤2% | 计划标准 |\n| | 效益指标 | 社会效益指标 | 保障政务网络安全稳定运行 | 有效保障 | 计划标准 |"),
    ("| 效益指标 | 社会效益指标 | 保障信息化系统安全稳定支撑能力 | 保障 | 计划标准 | |",
     "| 效益指标 | 社会效益指标 | 保障信息化系统安全稳定支撑能力 | 保障 | 计划标准 | |\n| | 满意度指标 | 服务对象满意度 | 使用部门满意度 | ≥90% | 计划标准 |"),
    ("| | | 时效指标 | 故障设备维修及时率 | 100% | 计划标准 |",
     "| | | 时效指标 | 故障设备维修及时率 | 100% | 计划标准 |\n| | 效益指标 | 社会效益指标 | 保障政务网络稳定运行 | 有效保障 | 计划标准 |"),
)

HANYANG_CORRECTIONS: tuple[tuple[str, str], ...] = (
    # N004: 一般公共服务支出 (16.20) is missing from the list.
    ("支出包括：科学技术支出、社会保障和就业支出", "支出包括：一般公共服务支出、科学技术支出、社会保障和就业支出"),
    # N006: 2069999 is 其他科学技术支出.
    ("其他科学技术支出（款）其他科学技术管理事务支出（项）800.00万元", "其他科学技术支出（款）其他科学技术支出（项）800.00万元"),
    # N007: project names as in 表10.
    ("8.通讯链路租赁费", "8.通信链路租赁费"),
    ("9.政府网络与应用系统", "9.政务网络与应用系统"),
    # Y004: the comparison year is 2025.
    ("比 2024 年预算 6.35 万元", "比 2025 年预算 6.35 万元"),
    # C008: glossary names.
    ("1.一般公共服务（类）", "1.一般公共服务支出（类）"),
    ("其他科学技术管理事务（项）：", "其他科学技术管理事务支出（项）："),
    ("机构事业单位基本养老保险缴费支出（项）：反映机构事业单位", "机关事业单位基本养老保险缴费支出（项）：反映机关事业单位"),
    ("8.其他社会保障和就业支出（类）", "8.社会保障和就业支出（类）"),
    # C011: the economic class is 其他商品和服务支出.
    ("\t其他商品服务支出\t", "\t其他商品和服务支出\t"),
    # P017: 时效指标 belongs to 产出指标.
    ("\t效益指标\t时效指标\t", "\t\t时效指标\t"),
    # P022: project names in 表11 as in 表10.
    ("中小企业发展资金、安全生产等工作经费等", "中小企业发展资金、安全生产工作经费等企业发展资金"),
    ("\t区门户网站运维\t", "\t区政府门户网站运维\t"),
)

_CORRECTIONS = {"qiaokou": QIAOKOU_CORRECTIONS, "hanyang": HANYANG_CORRECTIONS, "shangwu": (),
                "shangwu-dept": (), "bangongshi": ()}


def corpus_dir() -> Path:
    """The shared corpus beside the repository (where tests and CI find it)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


@lru_cache(maxsize=4)
def _source_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from yusuan.readers import read_layout
        from yusuan.readers.text import write_markdown

        return write_markdown(read_layout(str(path)))
    return path.read_text(encoding="utf-8")


def base_text(base: str, corpus: Path | None = None) -> str:
    name = base.removesuffix("-original")
    text = _source_text((corpus or corpus_dir()) / SOURCES[name])
    if base.endswith("-original"):
        return text
    for old, new in _CORRECTIONS[name]:
        if old not in text:
            raise ValueError(f"correction not applicable to {name}: {old[:40]!r}")
        text = text.replace(old, new)
    return text


def apply(example: Example, corpus: Path | None = None) -> str:
    """The text of an example: its base document with its edits applied (each must occur once)."""
    text = base_text(example.base, corpus)
    for old, new in example.edits:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"example edit must occur exactly once, found {count}: {old[:50]!r}")
        text = text.replace(old, new)
    return text


def suffix(base: str) -> str:
    ext = Path(SOURCES[base.removesuffix("-original")]).suffix
    return ".md" if ext == ".pdf" else ext
