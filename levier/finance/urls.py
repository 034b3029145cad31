from django.urls import include, path

# Three parts, each in its own module: projects, funders and matching;
# "projects meet funders" sessions; outcomes (pipeline figures, mentoring).
urlpatterns = [
    path("", include("levier.finance.project_urls")),
    path("", include("levier.finance.session_urls")),
    path("", include("levier.finance.outcome_urls")),
]
