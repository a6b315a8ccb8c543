from django.urls import path

from . import views

urlpatterns = [
    path("", views.BerandaView.as_view(), name="beranda"),
    path("pemda/<slug:pemda>/", views.PemdaView.as_view(), name="pemda"),
    path("opd/<slug:opd>/", views.OpdView.as_view(), name="opd"),
]
