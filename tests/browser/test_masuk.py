"""Logging in and finding one's way, as a person in a browser."""

from sakip.testing.demo import PASSWORD_UJI, muat_demo


def test_operator_masuk_dan_melihat_opd_sendiri(transactional_db: None, layar) -> None:  # type: ignore[no-untyped-def]
    muat_demo(pola_opd="babel-disperindag")
    operator = layar("operator")
    operator.masuk("babel-disperindag.operator", "salah-sandi")
    assert "benar" in operator.page.inner_text("main")  # Django's Indonesian message
    operator.potret("masuk-gagal", ponsel=False)
    operator.masuk("babel-disperindag.operator", PASSWORD_UJI)
    assert "Dinas Perindustrian" in operator.page.inner_text("body")
    operator.potret("beranda")
