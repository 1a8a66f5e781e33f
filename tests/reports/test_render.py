"""The bulletin of 30 June 2026 read back from its Word file, its PDF (pdftotext) and its workbook."""

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from diaodu.reports.bulletin import build_bulletin
from diaodu.reports.outline import outline
from diaodu.reports.render import render_docx, render_pdf, render_xlsx
from diaodu.reports.render.fonts import bulletin_fonts
from diaodu.reports.services import bulletin_outline
from tests.reports.conftest import JUNE_30, RED_REASON

pytestmark = pytest.mark.django_db

# What the Word file and the PDF both say, in their own words and figures (万元 below 1 亿元, 亿元 above).
EXPECTED = [
    "北部新城经济开发区重点项目调度通报",
    "关于截至2026年6月30日重点项目推进情况的通报",
    "截至2026年6月30日，全区在库重点项目4个。",
    "2026年计划投资1.24 亿元，已完成投资3,900.00 万元，占年度计划的31.4%；"
    "按序时进度应完成6,154.00 万元（49.6%），落后序时进度18.2个百分点。",
    "计划新开工项目2个，截至目前应开工2个，已开工1个，开工率50.0%。",
    "亮灯情况：红灯1个，黄灯1个，绿灯2个。",
    "完成率最高的责任单位是经济发展局（54.8%）。",
    "落后序时进度的责任单位：建设局。",
    "自2026年6月23日以来，1个项目亮灯发生变化。",
    "逾期未办结问题2个，已督办问题1个。",
    "2026年征供地任务150.00 公顷（2,250.00 亩），已征收10.50 公顷（157.50 亩），已供应20.25 公顷（303.75 亩），"
    "合计30.75 公顷（461.25 亩），完成任务的20.5%（时间进度49.6%），剩余119.25 公顷（1,788.75 亩）；"
    "储备土地10.50 公顷（157.50 亩）。",
    "2026年签约项目1个，签约投资3.00 亿元，完成年度目标10.00 亿元的30.0%（时间进度49.6%）。",
    "第6次项目调度会（2026年6月29日）议定事项1项，已办结0项，逾期0项，落实情况如下。",
]
CELLS = [
    "经济发展局", "3,650.00 万元", "2,000.00 万元", "54.8%", "+5.2",
    "建设局", "8,760.00 万元", "1,900.00 万元", "21.7%", "-27.9",
    "康养新城综合医院", "红灯", "2026-06-26", RED_REASON, "铸诚门业智能制造", "黄灯",
    "10千伏电力线路迁改", "包保领导督办", "施工许可证待办", "同仁众合医疗器械产业基地", "3.00 亿元",
    "建设局督促综合医院施工单位倒排工期。", "已交办",
]  # fmt: skip


def flat(text: str) -> str:
    """Without the line breaks and spaces that wrapping adds (the figures keep theirs: '1.24 亿元' → '1.24亿元')."""
    return re.sub(r"\s+", "", text)


def docx_text(content: bytes) -> tuple[list[str], list[str]]:
    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return paragraphs, cells


def test_the_word_file_says_it_all_as_an_official_document(zone_june):
    content = render_docx(bulletin_outline(JUNE_30))
    paragraphs, cells = docx_text(content)
    text = "\n".join(paragraphs)
    for expected in EXPECTED[:-1]:
        assert expected in text, expected
    for expected in CELLS[:-2]:
        assert expected in cells, expected
    # Laid out as GB/T 9704 asks: A4, the margins, the body in 三号 with an East-Asian font that is installed.
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    mm = [round(length.mm) for length in (section.page_width, section.page_height)]
    assert mm == [210, 297]  # stored in twips: a millimetre is 56.7 of them
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in margins] == [37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    east_asian = normal.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asian == bulletin_fonts().body
    masthead = document.paragraphs[0]
    assert masthead.alignment == 1 and masthead.runs[0].font.color.rgb is not None  # centred, red
    assert document.paragraphs[2].alignment == 1  # the title, centred


def test_a_meetings_word_file_lists_its_decisions(zone_june):
    content = render_docx(bulletin_outline(JUNE_30, zone_june["second"].pk))
    paragraphs, cells = docx_text(content)
    assert "关于第6次项目调度会有关情况的通报" in paragraphs
    assert "建设局督促综合医院施工单位倒排工期。" in cells and "已交办" in cells
    assert any("第5次项目调度会（2026年6月22日）议定事项1项" in text for text in paragraphs)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_renders_the_chinese_text_and_figures(zone_june, tmp_path):
    content = render_pdf(bulletin_outline(JUNE_30, zone_june["second"].pk))
    assert content.startswith(b"%PDF")
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(content)
    text = flat(
        subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert flat("关于第6次项目调度会有关情况的通报") in text
    for expected in EXPECTED[2:-1] + CELLS:
        assert flat(expected) in text, expected
    assert flat("第5次项目调度会（2026年6月22日）议定事项1项") in text


def test_the_workbook_has_a_sheet_per_section_with_amounts_as_numbers(zone_june):
    book = load_workbook(io.BytesIO(render_xlsx(bulletin_outline(JUNE_30))))
    assert book.sheetnames == [
        "总体情况",
        "责任单位和片区排名",
        "红灯和黄灯项目",
        "亮灯变化情况",
        "逾期和督办问题",
        "土地征收与供应",
        "招商引资",
        "调度会议定事项落实情况",
    ]
    ranking = book["责任单位和片区排名"]
    rows = [[cell.value for cell in row] for row in ranking.iter_rows()]
    header = next(row for row in rows if row[0] == "排名")
    assert header[3:5] == ["年度计划投资（万元）", "已完成投资（万元）"]
    first = rows[rows.index(header) + 1]
    assert first[:8] == [1, "经济发展局", 2, 3650, 2000, 54.8, 49.6, 5.2]  # numbers, not text
    assert ranking.cell(row=rows.index(header) + 2, column=4).number_format == "#,##0.00"
    lights = [[cell.value for cell in row] for row in book["红灯和黄灯项目"].iter_rows()]
    assert ["序号", "项目", "责任单位", "亮灯", "亮灯日期", "原因"] in lights
    assert any(row[1] == "康养新城综合医院" and row[3] == "红灯" for row in lights)


def test_the_outline_is_shared_by_the_three_formats(zone_june):
    document = bulletin_outline(JUNE_30)
    headings = [section.heading for section in document.sections]
    assert headings == [
        "一、总体情况", "二、责任单位和片区排名", "三、红灯和黄灯项目", "四、亮灯变化情况",
        "五、逾期和督办问题", "六、土地征收与供应", "七、招商引资", "八、调度会议定事项落实情况",
    ]  # fmt: skip
    assert document == outline(build_bulletin(JUNE_30))  # the same data, the same document


def test_the_bulletin_speaks_english_when_asked(zone_june):
    from django.utils import translation

    with translation.override("en"):
        document = bulletin_outline(JUNE_30)
    assert document.sections[0].heading == "1. Overview"
    assert document.sections[0].paragraphs[0] == "As of 2026-06-30 the zone has 4 key projects in the registry."
