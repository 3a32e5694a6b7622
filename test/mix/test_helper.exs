Code.require_file("support/test_project.exs", __DIR__)
NifDerive.TestProject.setup_suite()
ExUnit.start(timeout: 300_000)
