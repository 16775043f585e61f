"""Names hold Chinese characters and the name dot; printed fields hold what the print font draws."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

from lingong_desk.domain.charset import bad_name_characters, printable, unprintable
from lingong_desk.printing.slip import render_a4, render_receipt
from lingong_desk.resources import FONT_FILE, resource
from tests.test_slip import SLIP, tr_zh


def gbk_characters() -> list[str]:
    out = []
    for first in range(0x81, 0xFF):
        for second in range(0x40, 0xFF):
            try:
                out.append(bytes([first, second]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return out


def test_every_character_called_printable_has_a_glyph_in_the_bundled_font() -> None:
    cmap = set(TTFontFile(str(resource(*FONT_FILE)), subfontIndex=0).charToGlyph)
    candidates = [chr(c) for c in range(0x20, 0x7F)] + gbk_characters()
    called_printable = [ch for ch in candidates if printable(ch)]
    assert len(called_printable) > 21_000  # all of GBK's Chinese characters at least
    assert [ch for ch in called_printable if ord(ch) not in cmap] == []


def test_emoji_rare_characters_and_private_use_are_not_printable() -> None:
    assert unprintable("幸福小区😀3号楼🏠") == "😀🏠"
    assert unprintable("𠮷野家") == "𠮷"  # extension B: GB 18030's four-byte part
    assert unprintable("\ue000 ☉") == "\ue000☉"
    assert unprintable("左云县【幸福】小区№3—5号…") == ""


def test_names_hold_chinese_characters_and_the_name_dot_only() -> None:
    assert bad_name_characters("买买提·艾力") == ""
    assert bad_name_characters(" 张三 ") == ""
    assert bad_name_characters("张😀三😀") == "😀"
    assert bad_name_characters("Zhang 三") == "Zhang "
    assert bad_name_characters("王1") == "1"
    assert bad_name_characters("𠮷田") == "𠮷"


def pdf_text(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return "".join(out.stdout.split())


def test_the_printout_shows_every_character_the_screen_accepted(tmp_path: Path) -> None:
    data = dataclasses.replace(
        SLIP,
        worker_name="买买提·艾力",
        work_address="左云县【幸福】小区№3—5号（东门）",
        employer_address="大同市平城区迎宾街18号·B座",
        bring="手套、水杯…",
    )
    for name, render in (("a4", render_a4), ("receipt", render_receipt)):
        text = pdf_text(render(data, tr_zh).pdf, tmp_path / f"{name}.pdf")
        for value in (data.worker_name, data.work_address, data.employer_address, data.bring):
            assert value in text, (name, value)
        fonts = subprocess.run(
            ["pdffonts", str(tmp_path / f"{name}.pdf")], capture_output=True, text=True, timeout=60
        ).stdout
        assert "WenQuanYiMicroHei" in fonts
