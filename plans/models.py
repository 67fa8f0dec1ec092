# The action-plan tasks arrive with their own issue; the app exists so that its migrations have a home.
