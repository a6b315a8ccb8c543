"""The pohon kinerja drawing: valid XML, one box per node, one connector per edge, all text shown."""

import re
import xml.etree.ElementTree as ET

from sakip.perencanaan.svg import LEBAR, Kotak, pohon_svg

SVG = "{http://www.w3.org/2000/svg}"


def _pohon_contoh() -> list[Kotak]:
    sub = tuple(
        Kotak("sub_kegiatan", "Sub Kegiatan", f"Koordinasi dan Sinkronisasi Pelaksanaan Kebijakan nomor {i}",
              kode=f"2.17.03.2.01.000{i}", indikator=(f"Jumlah Dokumen Hasil Koordinasi {i}",))
        for i in range(1, 4)
    )
    kegiatan = (
        Kotak("kegiatan", "Kegiatan", "Penyusunan, Penerapan, dan Evaluasi Rencana Pembangunan Industri Provinsi",
              kode="2.17.03.2.01", anak=sub),
        Kotak("kegiatan", "Kegiatan", "Kegiatan tanpa turunan"),
    )
    program = (
        Kotak("program", "Program", "Program Perencanaan dan Pembangunan Industri", kode="2.17.03",
              indikator=("Pertumbuhan Unit Usaha Industri — 2,75%",), anak=kegiatan),
        Kotak("program", "Program", "Program Pengendalian Izin Usaha Industri", kode="2.17.04"),
    )
    sasaran = Kotak("sasaran", "Sasaran Strategis", "Meningkatnya PDRB Lapangan Usaha Industri Pengolahan",
                    indikator=("Nilai Lapangan Usaha Industri Pengolahan — 22,300 Triliun Rupiah",), anak=program)
    return [
        Kotak("tujuan", "Tujuan", "Meningkatkan PDRB Lapangan Usaha Industri Pengolahan", anak=(sasaran,)),
        Kotak("tujuan", "Tujuan", "Tujuan kedua tanpa turunan"),
    ]


def _semua(akar: list[Kotak]) -> list[Kotak]:
    hasil = []
    for k in akar:
        hasil.append(k)
        hasil.extend(_semua(list(k.anak)))
    return hasil


def _tanpa_spasi(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


def test_svg_valid_satu_kotak_per_simpul_satu_garis_per_sisi() -> None:
    akar = _pohon_contoh()
    semua = _semua(akar)
    svg = pohon_svg(akar, judul="Pohon Kinerja Dinas Uji", subjudul="Renstra 2023–2026")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    kotak = [g for g in root.iter(f"{SVG}g") if g.get("class") == "simpul"]
    assert len(kotak) == len(semua) == 10
    assert [g.get("data-jenis") for g in kotak] == [k.jenis for k in semua]  # tree order
    garis = [p for p in root.iter(f"{SVG}path") if p.get("class") == "garis"]
    assert len(garis) == sum(len(k.anak) for k in semua) == 8
    # Every node's uraian is in its own box, possibly wrapped over several lines.
    for g, k in zip(kotak, semua, strict=True):
        uraian = next(t for t in g.iter(f"{SVG}text") if t.get("class") == "uraian")
        baris = [ts.text or "" for ts in uraian.iter(f"{SVG}tspan")]
        assert _tanpa_spasi("".join(baris)) == _tanpa_spasi(k.uraian)
        assert all(len(b) <= 34 for b in baris)
    panjang = next(g for g, k in zip(kotak, semua, strict=True) if k.uraian.startswith("Penyusunan"))
    assert len([t for t in panjang.iter(f"{SVG}tspan")]) > 2  # wrapped, not one overflowing line


def test_svg_ukuran_memuat_semua_kotak() -> None:
    root = ET.fromstring(pohon_svg(_pohon_contoh(), judul="Uji"))
    lebar, tinggi = float(root.get("width", 0)), float(root.get("height", 0))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    rect = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "kotak"]
    for r in rect:
        x, y, h = float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("height", 0))
        assert 0 <= x and x + LEBAR <= lebar and 0 <= y and y + h <= tinggi
    # No two boxes overlap.
    kotak = [(float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("height", 0))) for r in rect]
    for i, (x1, y1, h1) in enumerate(kotak):
        for x2, y2, h2 in kotak[i + 1:]:
            assert x1 + LEBAR <= x2 or x2 + LEBAR <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_svg_anak_di_bawah_induk_dan_warna_per_jenis() -> None:
    root = ET.fromstring(pohon_svg(_pohon_contoh()))
    kotak: dict[str, ET.Element] = {}
    for g in root.iter(f"{SVG}g"):  # the first box of each kind: one chain from the first tujuan down
        if g.get("class") == "simpul" and (r := g.find(f"{SVG}rect")) is not None:
            kotak.setdefault(g.get("data-jenis", ""), r)
    y = {j: float(r.get("y", 0)) for j, r in kotak.items()}
    assert y["tujuan"] < y["sasaran"] < y["program"] < y["kegiatan"] < y["sub_kegiatan"]
    warna = {r.get("fill") for r in kotak.values()}
    assert len(warna) == 5


def test_svg_teks_di_escape() -> None:
    jahat = 'Uraian <script>alert("x")</script> & "kutip" \'satu\' \x00\x07 akhir'
    akar = [Kotak("tujuan", "Tujuan <b>", jahat, kode="1&2", indikator=("A < B > C & D",))]
    svg = pohon_svg(akar, judul="Judul & <Sub>")
    assert "<script>" not in svg and "<b>" not in svg and "\x00" not in svg
    root = ET.fromstring(svg)  # well-formed despite the text
    teks = "".join(root.itertext())
    assert "A < B > C & D" in teks and "Judul & <Sub>" in teks
    assert _tanpa_spasi('Uraian <script>alert("x")</script> & "kutip" \'satu\' akhir') in _tanpa_spasi(teks)


def test_svg_pohon_kosong_tetap_valid() -> None:
    root = ET.fromstring(pohon_svg([], judul="Kosong"))
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "simpul"]


def test_svg_pohon_lebar_tetap_proporsional() -> None:
    # A Renstra-sized tree: 2 tujuan → sasaran → 9 programs → 22 kegiatan → 36 sub kegiatan.
    # Columns of kegiatan/sub kegiatan keep the drawing far from a multi-metre strip.
    def program(i: int) -> Kotak:
        kegiatan = tuple(
            Kotak("kegiatan", "Kegiatan", f"Kegiatan {i}.{j}", anak=tuple(
                Kotak("sub_kegiatan", "Sub Kegiatan", f"Sub kegiatan {i}.{j}.{k}") for k in range(2)
            )) for j in range(3)
        )
        return Kotak("program", "Program", f"Program {i}", anak=kegiatan)

    akar = [Kotak("tujuan", "Tujuan", f"Tujuan {t}", anak=(
        Kotak("sasaran", "Sasaran Strategis", f"Sasaran {t}", anak=tuple(program(i) for i in range(5))),
    )) for t in range(2)]
    root = ET.fromstring(pohon_svg(akar))
    lebar, tinggi = float(root.get("width", 0)), float(root.get("height", 0))
    assert lebar < 10 * (LEBAR + 80) < 60 * LEBAR  # one column per program, not one per leaf
    assert 0.5 < lebar / tinggi < 4
