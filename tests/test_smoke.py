import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_leader_sees_every_indicator_on_the_home_page(client_for, leader):
    response = client_for(leader).get(reverse("home"))
    assert response.status_code == 200
    assert "Tỷ trọng kinh tế số trên GDP" in response.content.decode()
