import unicodedata

import pytest

from counter_app.domain import addresses
from counter_app.domain.addresses import (
    Commune,
    ProvinceInfo,
    commune,
    communes_of,
    find_communes,
    find_provinces,
    place_name,
    province,
    provinces,
)
from counter_app.domain.text import fold

HOAN_KIEM = Commune(
    code=70,
    name="Phường Hoàn Kiếm",
    division_type="phường",
    province_code=1,
    province_name="Thành phố Hà Nội",
)
HA_NOI = ProvinceInfo(code=1, name="Thành phố Hà Nội")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def names(items) -> list[str]:
    return [item.name for item in items]


class TestCounts:
    def test_34_provinces_in_code_order(self):
        all_provinces = provinces()
        assert len(all_provinces) == 34
        codes = [item.code for item in all_provinces]
        assert codes == sorted(codes)
        assert all_provinces[0] == HA_NOI

    def test_3321_communes(self):
        total = sum(len(communes_of(item.code)) for item in provinces())
        assert total == 3321

    def test_division_types(self):
        types = {c.division_type for p in provinces() for c in communes_of(p.code)}
        assert types == {"xã", "phường", "đặc khu"}

    def test_index_is_built_once(self):
        assert addresses._index() is addresses._index()


class TestByCode:
    @pytest.mark.parametrize("code", [70, "70", "00070", " 70 "])
    def test_commune(self, code):
        assert commune(code) == HOAN_KIEM

    @pytest.mark.parametrize("code", [99999, "99999", 0, -1])
    def test_unknown_commune(self, code):
        with pytest.raises(ValueError, match=f"Mã xã/phường không tồn tại: {code}"):
            commune(code)

    @pytest.mark.parametrize("code", ["abc", "", "7O"])
    def test_non_numeric_commune_code(self, code):
        with pytest.raises(ValueError, match="Mã xã/phường không tồn tại"):
            commune(code)

    @pytest.mark.parametrize("code", [1, "1", "01", "001"])
    def test_province(self, code):
        assert province(code) == HA_NOI

    def test_province_79(self):
        assert province(79).name == "Thành phố Hồ Chí Minh"

    @pytest.mark.parametrize("code", [2, 99, "x"])
    def test_unknown_province(self, code):
        with pytest.raises(ValueError, match=f"Mã tỉnh/thành phố không tồn tại: {code}"):
            province(code)

    def test_communes_of_province(self):
        hanoi = communes_of(1)
        assert HOAN_KIEM in hanoi
        assert all(item.province_code == 1 for item in hanoi)
        assert all(item.province_name == "Thành phố Hà Nội" for item in hanoi)
        assert [item.code for item in hanoi] == sorted(item.code for item in hanoi)

    def test_communes_of_returns_a_copy(self):
        communes_of(1).clear()
        assert HOAN_KIEM in communes_of(1)

    def test_communes_of_unknown_province(self):
        with pytest.raises(ValueError, match="Mã tỉnh/thành phố không tồn tại"):
            communes_of(2)


class TestFindCommunes:
    @pytest.mark.parametrize(
        "query",
        [
            "hoan kiem",
            "Hoàn Kiếm",
            nfd("Hoàn Kiếm"),
            "HOÀN KIẾM",
            "phuong hoan kiem",
            "Phường Hoàn Kiếm",
            nfd("Phường Hoàn Kiếm"),
            "  hoan   kiem ",
        ],
    )
    def test_name_with_or_without_prefix_nfc_or_nfd(self, query):
        assert find_communes(query)[0] == HOAN_KIEM

    def test_exact_then_prefix_then_substring(self):
        # Bare names equal to "ba dinh" first, then names starting with it, then the rest.
        found = find_communes("ba dinh", limit=100)
        folded_bare = [fold(place_name(item)) for item in found]
        ranks = [
            0 if name == "ba dinh" else 1 if name.startswith("ba dinh") else 2
            for name in folded_bare
        ]
        assert ranks == sorted(ranks)
        assert ranks[0] == 0

    def test_exact_before_prefix_before_substring_for_son(self):
        found = find_communes("son", limit=5000)
        bare = [fold(place_name(item)) for item in found]
        first_prefix = next(i for i, name in enumerate(bare) if name != "son")
        assert all(name == "son" for name in bare[:first_prefix])
        starts = [name.startswith("son") for name in bare[first_prefix:]]
        # once substring matches begin, no prefix match follows
        assert starts == sorted(starts, reverse=True)
        assert any(not s for s in starts)

    def test_d_finds_đ(self):
        assert "Đặc khu Phú Quốc" in names(find_communes("dac khu phu quoc"))
        assert "Phường Ba Đình" in names(find_communes("ba dinh"))

    def test_accented_query_prefers_exact_spelling(self):
        # "Ba Đình" and "Ba Dinh" fold to the same text; typing the accents picks Đình first.
        found = names(find_communes("Ba Đình", limit=10))
        accent_free = names(find_communes("ba dinh", limit=10))
        assert "Xã Ba Dinh" in accent_free
        assert found.index("Xã Ba Dinh") > found.index("Xã Ba Đình")

    def test_province_filter(self):
        found = find_communes("hoa phu", province_code=1)
        assert found and all(item.province_code == 1 for item in found)
        assert {item.province_code for item in find_communes("hoa phu")} > {1}

    def test_province_filter_unknown_province(self):
        with pytest.raises(ValueError):
            find_communes("hoa", province_code=2)

    def test_limit(self):
        assert len(find_communes("a", limit=7)) == 7
        assert find_communes("a", limit=0) == []
        assert len(find_communes("a")) == 20

    @pytest.mark.parametrize("query", ["", "   ", "zzzz", "hoan kiem xyz"])
    def test_no_results(self, query):
        assert find_communes(query) == []

    def test_duplicate_names_across_provinces_all_found(self):
        found = find_communes("xa hoa phu", limit=100)
        assert len({item.province_code for item in found if item.name == "Xã Hòa Phú"}) >= 2


class TestFindProvinces:
    @pytest.mark.parametrize(
        "query",
        ["ha noi", "Hà Nội", nfd("Hà Nội"), "thanh pho ha noi", "Thành phố Hà Nội", "tp ha noi"],
    )
    def test_ha_noi(self, query):
        assert find_provinces(query)[0] == HA_NOI

    @pytest.mark.parametrize(
        "query",
        [
            "thanh pho ho chi minh",
            "Thành phố Hồ Chí Minh",
            "ho chi minh",
            "tp. hcm",
            "tp hcm",
            "hcm",
        ],
    )
    def test_ho_chi_minh(self, query):
        assert find_provinces(query)[0].code == 79

    def test_tinh_prefix_optional(self):
        assert find_provinces("tinh cao bang")[0].name == "Cao Bằng"
        assert find_provinces("Tỉnh Đắk Lắk")[0].name == "Đắk Lắk"

    def test_prefix_and_substring(self):
        assert "Lâm Đồng" in names(find_provinces("lam"))
        assert "Đồng Nai" in names(find_provinces("dong"))
        assert names(find_provinces("dong"))[:2] == ["Đồng Nai", "Đồng Tháp"]

    @pytest.mark.parametrize("query", ["", "xyz"])
    def test_no_results(self, query):
        assert find_provinces(query) == []


class TestPlaceName:
    def test_phuong(self):
        assert place_name(HOAN_KIEM) == "Hoàn Kiếm"

    def test_every_commune_loses_its_prefix(self):
        for item in (c for p in provinces() for c in communes_of(p.code)):
            short = place_name(item)
            assert short and item.name.endswith(short)
            assert not short.lower().startswith(item.division_type + " ")

    def test_dac_khu_and_xa(self):
        [phu_quoc] = [c for c in find_communes("phu quoc") if c.division_type == "đặc khu"]
        assert place_name(phu_quoc) == "Phú Quốc"
        assert place_name(commune(find_communes("xa hoa phu")[0].code)) == "Hòa Phú"
