from __future__ import annotations

import unicodedata

import pytest

from thads.lib.text import fold


@pytest.mark.parametrize("text,folded", [
    ("Nguyễn Văn Đức", "nguyen van duc"), ("ĐẶNG THỊ HỒNG", "dang thi hong"), ("Đắk Lắk", "dak lak"),
    ("  Lê   Văn  ", "le van"), ("Huỳnh Ngọc Ánh", "huynh ngoc anh"), ("45/2024/DS-ST", "45/2024/ds-st"),
    ("", ""), (None, ""),
])
def test_it_folds_vietnamese_names(text, folded):
    assert fold(text) == folded


def test_decomposed_input_folds_like_composed():
    assert fold(unicodedata.normalize("NFD", "Nguyễn Văn Đức")) == "nguyen van duc"
