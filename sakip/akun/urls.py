from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(template_name="akun/masuk.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            template_name="akun/kata_sandi.html", success_url=reverse_lazy("kata-sandi-selesai")
        ),
        name="kata-sandi",
    ),
    path(
        "kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="akun/kata_sandi_selesai.html"),
        name="kata-sandi-selesai",
    ),
]
