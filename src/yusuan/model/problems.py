"""The catalogue of reading problems: every problem a reader or the recognizer records.

A problem is not a fault of the document but of its reading (a page that could not be read, a
table whose title was not understood, text outside any part). Each has a stable code, a severity
with which ``yusuan check`` reports it (rule S010, or T035 for cells that are not numbers), and an
explanation; docs/problems.md is generated from this catalogue and a test keeps every code the code
base records in it. Severity: ``error`` only when the document itself is shown to be incomplete
(a file cut short); what we could not read is a warning; what is only worth knowing is info.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProblemKind:
    code: str
    severity: str  # error | warning | info
    title: str  # Chinese
    explain_en: str


_KINDS = (
    # Reading a file.
    ProblemKind("read.truncated", "error", "文件被截断", "The file ends in the middle of a character: it was cut short."),
    ProblemKind("read.incomplete", "warning", "目录列出的部分在正文中没有找到",
                "A part the contents list was not found in the body: the document may be cut short."),
    ProblemKind("read.too_many_pages", "warning", "页数超过读取上限", "Pages beyond the reading limit were not read."),
    ProblemKind("read.stopped", "warning", "读取超时或内容过多而停止", "Reading stopped at a time or size limit."),
    ProblemKind("read.page_cut", "warning", "页面内容过多，只读取了一部分", "A page held more text than is read."),
    ProblemKind("read.page_error", "warning", "页面无法读取", "A page could not be read."),
    ProblemKind("read.damaged_pages", "warning", "页面已损坏", "Damaged pages were skipped."),
    ProblemKind("read.scanned_pages", "warning", "扫描页没有文字层", "Scanned pages without a text layer."),
    ProblemKind("read.ocr", "info", "扫描页经文字识别读取", "Scanned pages were read by OCR."),
    ProblemKind("read.ocr_stopped", "warning", "文字识别中途停止", "OCR stopped before the last page."),
    ProblemKind("read.ocr_failed", "warning", "文字识别失败", "OCR failed on a page."),
    ProblemKind("docx.numbering", "info", "自动编号无法读取", "Automatic numbering of a DOCX could not be read."),
    ProblemKind("xlsx.hidden_sheet", "info", "工作簿中有隐藏的工作表", "A hidden worksheet was read."),
    ProblemKind("xlsx.hidden_cells", "info", "工作表中有隐藏的行或列", "Hidden rows or columns were read."),
    ProblemKind("xlsx.formula_uncached", "warning", "公式没有保存计算结果", "A formula cell has no cached value."),
    ProblemKind("xlsx.no_tables", "warning", "工作簿中没有表格", "The workbook holds no table."),
    # Understanding what was read.
    ProblemKind("table.unrecognized", "warning", "未识别的表格", "A table whose title names no standard table."),
    ProblemKind("table.duplicate", "warning", "同一张表出现两次", "A standard table printed twice; the first was read."),
    ProblemKind("table.non_numeric", "warning", "金额栏中有文字", "A cell of an amount column is not a number."),
    ProblemKind("table.extra_cell", "warning", "表头以外的单元格", "A cell beyond the header's columns."),
    ProblemKind("sheet.non_numeric", "warning", "项目申报表中的金额不是数字", "A project sheet's amount is not a number."),
    ProblemKind("sheet.no_name", "info", "项目申报表没有读到项目名称",
                "No project name was read on a project sheet (a form of another layout)."),
    ProblemKind("project_note.no_amount", "info", "项目经费情况说明没有写明金额",
                "A project note whose annual budget states no amount."),
    ProblemKind("text.unplaced", "info", "未归入任何部分的文字", "Text before any heading of a part."),
)

PROBLEM_KINDS: dict[str, ProblemKind] = {k.code: k for k in _KINDS}


def problem_kind(code: str) -> ProblemKind:
    """The catalogue entry of a problem code (an unknown code is a warning: it must be added)."""
    return PROBLEM_KINDS.get(code) or ProblemKind(code, "warning", code, "(not in the catalogue)")
