@echo off
rem `spool`: the command line of the installed Spool app (Windows).
rem Runs Spool.exe itself with --cli (the RunAsNode fuse is off). Add this folder to PATH.
"%~dp0..\..\Spool.exe" --cli %*
exit /b %ERRORLEVEL%
